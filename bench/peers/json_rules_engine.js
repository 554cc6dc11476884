// Peer: json-rules-engine. The same "surely met" / "surely not met" rules as
// json_logic.js, as engine rules whose events name them; facts per record.
'use strict';
const {Engine} = require('json-rules-engine');
const {forEachRecord, tally, newCounts, print} = require('./facts');

const fact = (name, operator, value) => ({fact: name, operator, value});
const pdKnown = fact('pd', 'notEqual', null);
const noteTrue = {all: [fact('datacenter', 'equal', false), fact('tpp', 'lessThan', 4800)]};
const noteFalse = {any: [fact('datacenter', 'equal', true), fact('tpp', 'greaterThanInclusive', 4800)]};
const aCondTrue = {any: [fact('tpp', 'greaterThanInclusive', 4800),
                         {all: [fact('tpp', 'greaterThanInclusive', 1600), pdKnown,
                                fact('pd', 'greaterThanInclusive', 5.92)]}]};
const aCondFalse = {all: [fact('tpp', 'lessThan', 4800),
                          {any: [fact('tpp', 'lessThan', 1600), {all: [pdKnown, fact('pd', 'lessThan', 5.92)]}]}]};
const pdIn = (lo, hi) => ({all: [pdKnown, fact('pd', 'greaterThanInclusive', lo), fact('pd', 'lessThan', hi)]});
const pdOut = (lo, hi) => ({all: [pdKnown, {any: [fact('pd', 'lessThan', lo), fact('pd', 'greaterThanInclusive', hi)]}]});
const bCondTrue = {any: [{all: [fact('tpp', 'greaterThanInclusive', 2400), fact('tpp', 'lessThan', 4800),
                                pdIn(1.6, 5.92)]},
                         {all: [fact('tpp', 'greaterThanInclusive', 1600), pdIn(3.2, 5.92)]}]};
const bCondFalse = {all: [{any: [fact('tpp', 'lessThan', 2400), fact('tpp', 'greaterThanInclusive', 4800),
                                 pdOut(1.6, 5.92)]},
                          {any: [fact('tpp', 'lessThan', 1600), pdOut(3.2, 5.92)]}]};

const engine = new Engine([], {allowUndefinedFacts: true});
const add = (name, conditions) => engine.addRule({name, conditions, event: {type: name}});
add('aTrue', {all: [aCondTrue, noteFalse]});
add('aFalse', {any: [aCondFalse, noteTrue]});
add('bCondTrue', {all: [bCondTrue, noteFalse]});
add('bCondFalse', {any: [bCondFalse, noteTrue]});

const counts = newCounts();
forEachRecord(process.argv[2], async (facts) => {
  const {events} = await engine.run(facts);
  const fired = new Set(events.map((e) => e.type));
  const a = fired.has('aTrue') ? true : fired.has('aFalse') ? false : null;
  const bCond = fired.has('bCondTrue') ? true : fired.has('bCondFalse') ? false : null;
  const b = a === true ? false : bCond === false ? false : a === false && bCond === true ? true : null;
  tally(counts, a, b);
}).then(() => print(counts));
