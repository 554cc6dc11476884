// eccn: is this chip export-controlled, under which rule, and why?
//
// The whole public API. Load rules once, then classify any number of specs:
//
//   #include <eccn/eccn.h>
//
//   eccn::Loaded<eccn::RuleSet> rules = eccn::LoadRules("/usr/share/eccn/rules");
//   eccn::Loaded<eccn::ChipSpec> h20 = eccn::LoadChipSpec("h20.yaml", rules.value->formats());
//   eccn::Classification c = rules.value->Classify(*h20.value, eccn::Date::Today());
//   // c.Overall(), c.EntriesWith(eccn::Verdict::kControlled), c.results[i].clauses ...
//
// The library never prints, exits or throws for bad input: problems come back
// as Diagnostics with file:line:column.
#pragma once

#include <eccn/classification.h>
#include <eccn/date.h>
#include <eccn/diagnostic.h>
#include <eccn/history.h>
#include <eccn/license.h>
#include <eccn/number.h>
#include <eccn/rules.h>
#include <eccn/spec.h>
#include <eccn/version.h>
