import { describe, expect, it, vi } from 'vitest';

import { ApiError, createApiClient } from './api-client';

type FetchArgs = Parameters<typeof fetch>;

function problemResponse(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });
}

function stubFetch(response: Response | (() => Promise<Response>)) {
  return vi.fn<(...args: FetchArgs) => Promise<Response>>(() =>
    typeof response === 'function' ? response() : Promise.resolve(response),
  );
}

async function catchError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

function sentHeaders(fetchMock: ReturnType<typeof stubFetch>): Headers {
  const init = fetchMock.mock.calls[0]?.[1];
  return new Headers(init?.headers);
}

describe('api client problem+json errors', () => {
  it('throws an ApiError with status, code and the localised detail', async () => {
    const fetchMock = stubFetch(
      problemResponse(
        {
          type: 'https://fannao.example/problems/invalid-credentials',
          title: 'Unauthorized',
          status: 401,
          detail: '用户名或密码错误',
          code: 'INVALID_CREDENTIALS',
        },
        401,
      ),
    );
    const client = createApiClient({ fetch: fetchMock, getLanguage: () => 'zh-CN' });

    const error = await catchError(
      client.post('/api/v1/auth/login', { username: 'a', password: 'b' }),
    );

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(401);
    expect(apiError.code).toBe('INVALID_CREDENTIALS');
    expect(apiError.message).toBe('用户名或密码错误');
    expect(apiError.problem?.type).toBe('https://fannao.example/problems/invalid-credentials');
    expect(sentHeaders(fetchMock).get('accept-language')).toBe('zh-CN');
  });

  it('falls back to the title when there is no detail, and keeps field errors', async () => {
    const errors = [{ path: 'username', message: 'Required' }];
    const client = createApiClient({
      fetch: stubFetch(
        problemResponse(
          {
            type: 'about:blank',
            title: 'Validation failed',
            status: 422,
            code: 'VALIDATION',
            errors,
          },
          422,
        ),
      ),
    });

    const error = (await catchError(client.get('/api/v1/things'))) as ApiError;

    expect(error.status).toBe(422);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Validation failed');
    expect(error.errors).toEqual(errors);
  });

  it('uses an HTTP fallback when the error body is not a problem document', async () => {
    const client = createApiClient({
      fetch: stubFetch(
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html' },
        }),
      ),
    });

    const error = (await catchError(client.get('/api/v1/things'))) as ApiError;

    expect(error.status).toBe(502);
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toBe('HTTP 502 Bad Gateway');
    expect(error.problem).toBeUndefined();
  });

  it('reports network failures as status 0 / NETWORK_ERROR', async () => {
    const client = createApiClient({
      fetch: stubFetch(() => Promise.reject(new TypeError('Failed to fetch'))),
    });

    const error = (await catchError(client.get('/api/v1/things'))) as ApiError;

    expect(error.status).toBe(0);
    expect(error.code).toBe('NETWORK_ERROR');
  });

  it('notifies unauthorized listeners on 401 unless the request opts out', async () => {
    const unauthorized = problemResponse(
      { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'UNAUTHENTICATED' },
      401,
    );
    const client = createApiClient({
      fetch: stubFetch(() => Promise.resolve(unauthorized.clone())),
    });
    const listener = vi.fn();
    client.onUnauthorized(listener);

    await catchError(client.get('/api/v1/auth/session', { skipUnauthorizedHandler: true }));
    expect(listener).not.toHaveBeenCalled();

    await catchError(client.get('/api/v1/things'));
    expect(listener).toHaveBeenCalledTimes(1);
    expect((listener.mock.calls[0]?.[0] as ApiError).code).toBe('UNAUTHENTICATED');
  });
});

describe('api client requests', () => {
  it('sends the CSRF token on non-GET requests only, with same-origin credentials', async () => {
    const fetchMock = stubFetch(() => Promise.resolve(new Response(null, { status: 204 })));
    const client = createApiClient({ fetch: fetchMock });
    client.setCsrfToken('token-123');

    await expect(client.post('/api/v1/auth/logout')).resolves.toBeUndefined();
    await client.get('/api/v1/auth/session');

    const [postCall, getCall] = fetchMock.mock.calls;
    expect(postCall?.[1]?.credentials).toBe('same-origin');
    expect(new Headers(postCall?.[1]?.headers).get('x-csrf-token')).toBe('token-123');
    expect(new Headers(getCall?.[1]?.headers).has('x-csrf-token')).toBe(false);
  });

  it('serialises JSON bodies and parses JSON responses', async () => {
    const fetchMock = stubFetch(
      new Response(JSON.stringify({ ok: true }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const client = createApiClient({ fetch: fetchMock });

    await expect(client.post('/api/v1/echo', { a: 1 })).resolves.toEqual({ ok: true });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"a":1}');
    expect(sentHeaders(fetchMock).get('content-type')).toBe('application/json');
  });
});
