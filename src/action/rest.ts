// The rest of the action, which dist/index.js imports once its first
// requests are on their way: built by ncc as dist/action/index.js
// (scripts/bundle.ts), a small module that loads ./main.js and what it
// needs from chunk files. In a chunk file each module is a function in
// parentheses, which V8 compiles as it reads it (esbuild, which minifies
// the chunks, keeps those parentheses); the same code in one file is
// compiled again function by function as it runs: 45 ms later to the
// decision here (SPEC §9).

const main = await import('./main.js')

export const runAction = main.runAction
