// Peer: json-logic-js. Each entry is two json-logic rules, "surely met" and
// "surely not met"; neither holding is unknown (three-valued logic by hand).
'use strict';
const jsonLogic = require('json-logic-js');
const {forEachRecord, tally, newCounts, print} = require('./facts');

const pdKnown = {'!==': [{var: 'pd'}, null]};
// The note: not marketed for datacenters and TPP below 4800.
const noteTrue = {and: [{'===': [{var: 'datacenter'}, false]}, {'<': [{var: 'tpp'}, 4800]}]};
const noteFalse = {or: [{'===': [{var: 'datacenter'}, true]}, {'>=': [{var: 'tpp'}, 4800]}]};
const aCondTrue = {or: [{'>=': [{var: 'tpp'}, 4800]},
                        {and: [{'>=': [{var: 'tpp'}, 1600]}, pdKnown, {'>=': [{var: 'pd'}, 5.92]}]}]};
const aCondFalse = {and: [{'<': [{var: 'tpp'}, 4800]},
                          {or: [{'<': [{var: 'tpp'}, 1600]}, {and: [pdKnown, {'<': [{var: 'pd'}, 5.92]}]}]}]};
const pdIn = (lo, hi) => ({and: [pdKnown, {'>=': [{var: 'pd'}, lo]}, {'<': [{var: 'pd'}, hi]}]});
const pdOut = (lo, hi) => ({and: [pdKnown, {or: [{'<': [{var: 'pd'}, lo]}, {'>=': [{var: 'pd'}, hi]}]}]});
const bCondTrue = {or: [{and: [{'>=': [{var: 'tpp'}, 2400]}, {'<': [{var: 'tpp'}, 4800]}, pdIn(1.6, 5.92)]},
                        {and: [{'>=': [{var: 'tpp'}, 1600]}, pdIn(3.2, 5.92)]}]};
const bCondFalse = {and: [{or: [{'<': [{var: 'tpp'}, 2400]}, {'>=': [{var: 'tpp'}, 4800]}, pdOut(1.6, 5.92)]},
                          {or: [{'<': [{var: 'tpp'}, 1600]}, pdOut(3.2, 5.92)]}]};

const rules = {
  aTrue: {and: [aCondTrue, noteFalse]},
  aFalse: {or: [aCondFalse, noteTrue]},
  bCondTrue: {and: [bCondTrue, noteFalse]},
  bCondFalse: {or: [bCondFalse, noteTrue]},
};

const truth = (surely, surelyNot) => (surely ? true : surelyNot ? false : null);

const counts = newCounts();
forEachRecord(process.argv[2], (facts) => {
  const a = truth(jsonLogic.apply(rules.aTrue, facts), jsonLogic.apply(rules.aFalse, facts));
  // 3A090.b applies only when 3A090.a does not.
  const bCond = truth(jsonLogic.apply(rules.bCondTrue, facts), jsonLogic.apply(rules.bCondFalse, facts));
  const b = a === true ? false : bCond === false ? false : a === false && bCond === true ? true : null;
  tally(counts, a, b);
}).then(() => print(counts));
