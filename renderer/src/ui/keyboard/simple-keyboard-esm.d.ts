// simple-keyboard's ES module build, typed from the package's own declarations. Its `main` is a UMD bundle whose
// default export Vite's CommonJS interop does not hand over as a constructor; the ES module build it also ships does.
declare module 'simple-keyboard/build/index.modern.esm.js' {
  export * from 'simple-keyboard';
  export { default } from 'simple-keyboard';
}
