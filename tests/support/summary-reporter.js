// Mocha's spec output, followed by the plain "N passed, N failed" line CI reads.
"use strict";
const Mocha = require("mocha");

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        let passed = 0;
        let failed = 0;
        runner.on(EVENT_TEST_PASS, () => passed++);
        runner.on(EVENT_TEST_FAIL, () => failed++);
        // Registered after Spec's own epilogue listener, so this line comes last.
        runner.once(EVENT_RUN_END, () => process.stdout.write(`${passed} passed, ${failed} failed\n`));
    }
}

module.exports = SummaryReporter;
