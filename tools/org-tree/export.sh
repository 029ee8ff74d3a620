#!/usr/bin/env bash
# Exports the organization's tree (root, OUs, accounts) with the AWS CLI, for
# `npm run effective-policy -- --stack <stack> --account <id> --tree <file>`.
# Run it with credentials of the management account (or of an account allowed
# organizations:ListRoots, ListOrganizationalUnitsForParent and ListAccountsForParent):
#
#   tools/org-tree/export.sh > org-tree.json
#
# The file holds the CLI's own answers, unchanged (the CLI follows NextToken itself):
#   { "roots": <aws organizations list-roots>,
#     "children": { "<parent id>": { "organizationalUnits": <aws organizations list-organizational-units-for-parent --parent-id <parent id>>,
#                                    "accounts": <aws organizations list-accounts-for-parent --parent-id <parent id>> }, ... } }
# for the root and every OU below it. AWS_CLI names another CLI executable (tests use a fake).
# The CLI reference says each list command "is a paginated operation. Multiple API calls may be
# issued in order to retrieve the entire data set of results", and gives the ID formats the greps
# below rely on: a root "r-" and 4 to 32 lowercase letters or digits, an OU "ou-", 4 to 32 of them,
# a second "-" and 8 to 32 more
# (https://docs.aws.amazon.com/cli/v1/reference/organizations/list-organizational-units-for-parent.html).
set -euo pipefail
aws_cli=${AWS_CLI:-aws}

roots=$("$aws_cli" organizations list-roots --output json)
root_id=$(grep -o '"Id": *"r-[0-9a-z]*"' <<<"$roots" | head -n 1 | grep -o 'r-[0-9a-z]*')
if [ -z "$root_id" ]; then
    echo "export.sh: list-roots returned no root" >&2
    exit 1
fi

queue=("$root_id")
printf '{"roots": %s, "children": {' "$roots"
separator=""
while [ "${#queue[@]}" -gt 0 ]; do
    parent=${queue[0]}
    queue=("${queue[@]:1}")
    units=$("$aws_cli" organizations list-organizational-units-for-parent --parent-id "$parent" --output json)
    accounts=$("$aws_cli" organizations list-accounts-for-parent --parent-id "$parent" --output json)
    printf '%s"%s": {"organizationalUnits": %s, "accounts": %s}' "$separator" "$parent" "$units" "$accounts"
    separator=","
    while read -r id; do
        [ -n "$id" ] && queue+=("$id")
    done < <(grep -o '"Id": *"ou-[0-9a-z-]*"' <<<"$units" | grep -o 'ou-[0-9a-z-]*' || true)
done
printf '}}\n'
