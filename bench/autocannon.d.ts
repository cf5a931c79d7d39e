// The parts of autocannon 9 the benchmark uses (the package ships no types and @types/autocannon
// is not a dependency).
declare module 'autocannon' {
  export interface RawRequest {
    method?: string;
    path?: string;
    headers: Record<string, string>;
    body?: string | Buffer;
  }
  export interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  export interface Result {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    warmup?: Result;
  }
  export interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    connections?: number;
    duration?: number;
    warmup?: { connections?: number; duration?: number };
    requests?: { setupRequest?: (request: RawRequest, context: object) => RawRequest }[];
  }
  export default function autocannon(options: Options): Promise<Result>;
}
