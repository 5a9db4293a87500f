// Vite's `?url` import of a script file (MediaPipe's wasm loader): emitted as a hashed asset, served by the agent.
declare module '*.js?url' {
  const url: string;
  export default url;
}
