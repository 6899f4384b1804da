// The runner's proxy (HTTPS_PROXY / HTTP_PROXY, NO_PROXY), by
// @actions/http-client's rules, as @actions/github applies them. Whether a
// proxy applies is decided by http-client's small proxy module alone; undici
// (about 900 kB of source, and http2, tls and zlib with it) is loaded only
// when a proxy does apply, at the first request: most runners have none, and
// evaluating it took longer than everything else before the first request.

import { getProxyUrl } from '@actions/http-client/lib/proxy'

/**
 * A fetch through the proxy that applies to `url` (NO_PROXY and loopback
 * excepted); undefined when none applies.
 */
export function proxyFetch(url: string): typeof fetch | undefined {
  // getAgentDispatcher's own test: a proxy URL with a host
  if (!getProxyUrl(new URL(url))?.hostname) return undefined
  let loaded: Promise<typeof fetch> | undefined
  return async (input, init) => {
    loaded ??= throughProxy(url)
    return (await loaded)(input, init)
  }
}

async function throughProxy(url: string): Promise<typeof fetch> {
  const [{ HttpClient }, { fetch: undiciFetch }] = await Promise.all([
    import('@actions/http-client'),
    import('undici')
  ])
  const dispatcher = new HttpClient().getAgentDispatcher(url)
  return (input, init) =>
    undiciFetch(input, {
      ...init,
      dispatcher
    })
}
