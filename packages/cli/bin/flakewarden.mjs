#!/usr/bin/env node
// Committed shim: npm links bins before `prepare` builds dist/, so the bin must not point into dist/.
import "../dist/flakewarden.mjs";
