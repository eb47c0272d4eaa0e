/** Client-side routes and server links used by the shell. */
export const paths = {
  home: '/',
  login: '/login',
  track: '/track',
  trackDetail: (code: string) => `/track/${encodeURIComponent(code)}`,
  /** Served by the API server (Swagger UI), not by the SPA router. */
  apiDocs: '/api/docs',
} as const;
