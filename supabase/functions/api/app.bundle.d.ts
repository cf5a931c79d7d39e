// Types of the generated app.bundle.js (built from src/edge/function-app.ts).
export declare function createHandler(env: Record<string, string | undefined>): {
  fetch: (request: Request) => Response | Promise<Response>;
  close: () => Promise<void>;
};
