// node --require ts-node/register/transpile-only tools/policy-pack.ts
//
// The root package.json's prepare script (npm runs it after `npm install` and `npm ci`): writes
// what `npm pack` in policy/ needs to make a pack that installs and runs without the repository
// (tools/policy-pack/self-contained.ts). Runs under ts-node, a dependency, so that
// `npm ci --omit=dev` can run it too.

import * as path from "node:path";
import { prepareSelfContained } from "./policy-pack/self-contained";

const root = path.resolve(__dirname, "..");
prepareSelfContained({ root, pack: path.join(root, "policy") });
