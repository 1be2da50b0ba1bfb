const n = parseInt(require('fs').readFileSync(0, 'utf8'), 10);
console.log(Array.from({ length: n }, (_, i) => i + 1).join(' '));
