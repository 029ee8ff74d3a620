// Required by .mocharc.json before any test file loads: starts the suite's two longest pieces of
// process work at once, rather than when the test files that read them load (the hosts tests load
// last). Runs that do not await them (a few files, `--grep`) do not wait for them either, and end
// them when mocha exits (./background.ts); `npx mocha --no-config ...` starts neither.

import { hostsRuns } from "./hosts-runs";
import { typecheck } from "./typecheck";

typecheck();
hostsRuns();
