#!/usr/bin/env node
// make gift-check: reads the quiz's GIFT export with gift-pegjs (the npm
// GIFT parser) and checks it against the bank it came from: one category,
// as many multiple-choice questions as the bank has, one key each, and
// every code line of the bank back whole, with its indentation, inside a
// <pre><code> block of an [html] text.
//
//   node tools/gift/check.js EXPORT.gift BANK.txt
'use strict';
const fs = require('fs');
const gift = require('gift-pegjs');

const [exportPath, bankPath] = process.argv.slice(2);
if (!exportPath || !bankPath) {
  console.error('usage: node tools/gift/check.js EXPORT.gift BANK.txt');
  process.exit(2);
}
const bank = fs.readFileSync(bankPath, 'utf8').split('\n');
const wantQuestions = bank.filter((l) => /^q:/i.test(l)).length;
// A code line: "|" then one space, then four spaces (the block's marker)
// and something that is not white space.
const codeLines = bank
  .filter((l) => /^\| {4}\s*\S/.test(l))
  .map((l) => l.slice(6));

let parsed;
try {
  parsed = gift.parse(fs.readFileSync(exportPath, 'utf8'));
} catch (e) {
  const at = e.location ? ` at line ${e.location.start.line}, column ${e.location.start.column}` : '';
  console.error(`gift-check: gift-pegjs cannot parse ${exportPath}${at}: ${e.message}`);
  process.exit(1);
}

const errors = [];
const categories = parsed.filter((q) => q.type === 'Category');
const questions = parsed.filter((q) => q.type !== 'Category' && q.type !== 'Description');
if (categories.length !== 1 || categories[0].title !== 'stagekit') {
  errors.push(`one $CATEGORY named stagekit expected, found ${JSON.stringify(categories)}`);
}
if (questions.length !== wantQuestions) {
  errors.push(`${questions.length} questions parsed, the bank has ${wantQuestions}`);
}
const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const preLines = [];
questions.forEach((q, i) => {
  if (q.type !== 'MC') errors.push(`question ${i + 1} is ${q.type}, not multiple choice`);
  const keys = (q.choices || []).filter((c) => c.isCorrect).length;
  if (keys !== 1) errors.push(`question ${i + 1} has ${keys} keys`);
  const texts = [q.stem, q.globalFeedback];
  (q.choices || []).forEach((c) => texts.push(c.text, c.feedback));
  for (const t of texts) {
    if (!t || t.format !== 'html') continue;
    for (const m of t.text.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)) {
      preLines.push(...decode(m[1]).split('\n'));
    }
  }
});
for (const line of codeLines) {
  if (!preLines.includes(line)) {
    errors.push(`the code line ${JSON.stringify(line)} did not come back whole, with its indentation`);
  }
}
if (codeLines.length === 0) errors.push(`${bankPath} has no code line: nothing to check`);
for (const e of errors) console.error(`gift-check: ${e}`);
if (errors.length) process.exit(1);
const indented = codeLines.filter((l) => /^\s/.test(l)).length;
console.log(`gift-check: gift-pegjs parsed ${questions.length} questions in category stagekit; ` +
  `all ${codeLines.length} code lines kept (${indented} of them indented)`);
