// Validates GLB files with the Khronos glTF-Validator (npm package gltf-validator).
// Usage: node validate_gltf.js FILE.glb...  Prints one line per file with its counts of errors,
// warnings and infos, and every error; exits 1 when any file has an error, 2 when the validator
// is missing or a file cannot be read.
'use strict';
const fs = require('fs');
let validator;
try {
  validator = require('gltf-validator');
} catch (e) {
  console.error('gltf-validator is not installed (scripts/setup.sh installs it with npm)');
  process.exit(2);
}

async function main() {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    let bytes;
    try {
      bytes = new Uint8Array(fs.readFileSync(file));
    } catch (e) {
      console.error(`${file}: cannot be read: ${e.message}`);
      process.exit(2);
    }
    const report = await validator.validateBytes(bytes, {maxIssues: 100});
    const n = report.issues;
    console.log(`${file}: ${n.numErrors} errors, ${n.numWarnings} warnings, ${n.numInfos} infos`);
    for (const m of n.messages)
      if (m.severity === 0) console.log(`  error ${m.code} at ${m.pointer || ''}: ${m.message}`);
    if (n.numErrors > 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
main();
