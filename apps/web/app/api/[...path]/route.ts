import { API_URL, clientAddressOf, downstreamResponseHeaders, isAuthPath, stripTokens, upstreamRequestHeaders } from '@/lib/proxy';

export const dynamic = 'force-dynamic';

async function forward(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const target = `${API_URL}${url.pathname}${url.search}`;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers: upstreamRequestHeaders(request.headers, clientAddressOf(request.headers), request.headers.get('host')),
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch {
    return Response.json(
      { detail: 'The API server is not reachable. Is it running?', code: 'SERVICE_UNAVAILABLE', request_id: '' },
      { status: 502 },
    );
  }
  const headers = downstreamResponseHeaders(upstream.headers);
  const type = upstream.headers.get('content-type') ?? '';
  if (isAuthPath(url.pathname) && type.includes('application/json')) {
    const text = await upstream.text();
    let body: string = text;
    try {
      body = JSON.stringify(stripTokens(JSON.parse(text)));
    } catch {
      // Not JSON after all: pass it through untouched.
    }
    return new Response(body, { status: upstream.status, headers });
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}

export const GET = forward;
export const HEAD = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
export const OPTIONS = forward;
