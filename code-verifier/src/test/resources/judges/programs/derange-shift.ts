import * as fs from 'fs';

const n: number = parseInt(fs.readFileSync(0, 'utf8'), 10);
console.log(Array.from({ length: n }, (_, i: number) => ((i + 1) % n) + 1).join(' '));
