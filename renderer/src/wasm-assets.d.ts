// Vite's `?url` imports: the file is emitted as a hashed asset under /assets and the import is its URL, so the
// .wasm files are served by the agent like every other asset (never fetched from a CDN).
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
