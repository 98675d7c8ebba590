/// <reference types="svelte" />
/// <reference types="vite/client" />

interface Window {
  /** Client view: answer-to-next-question times in ms, read by the benchmark (no client data). */
  __aankomstClientLatency?: number[];
}
