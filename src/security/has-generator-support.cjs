'use strict';
/* global module */
// Stands in for @stdlib/assert-has-generator-support in the browser build (vite.config.ts resolve.alias).
// The original probes with eval('(function* () {})'), which the content security policy refuses (and
// reports) even though the probe catches the error; every browser the build targets (es2022) has
// generators, so the answer is known without eval.
module.exports = function hasGeneratorSupport() {
  return true;
};
