// Validate JSON documents against a JSON Schema with ajv (draft 2020-12), a
// validator that is not govclass's: proves `govclass schema --codes` works
// without Python.  Usage: node ajv_check.js SCHEMA DOC... ; prints one line
// per document: "<file> valid" or "<file> invalid <first error>".
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
for (const file of process.argv.slice(3)) {
  const ok = validate(JSON.parse(fs.readFileSync(file, "utf8")));
  const first = ok ? "" : " " + validate.errors[0].instancePath + " " + validate.errors[0].message;
  console.log(`${file} ${ok ? "valid" : "invalid"}${first}`);
}
