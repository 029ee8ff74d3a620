// Loaded with `node --require` before tsx registers its require hooks: by mocha (.mocharc.json)
// and by the worker processes the tests start (tests/support/background.ts). Once registered, tsx
// scans every JavaScript file required for ES module syntax; the SDKs and libraries below, which
// the tests load, are hundreds of CommonJS files that need no transform. Required first, they
// load as plain Node loads them (the offline plan of prod started about a fifth faster this way
// when it ran under tsx). Later requires of them are served from Node's module cache, so nothing
// else changes. The npm scripts load TypeScript with loader/register.js, which touches no
// JavaScript file, and need none of this.
"use strict";

require("@pulumi/pulumi");
require("@pulumi/aws"); // its index and every service's index (about 300 files); each resource class loads on first use
require("@pulumi/policy");
require("zod");
require("js-yaml");
require("ajv");
