/** Signs in over HTTP and returns the session cookie (name=value) to send with later requests. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0]!;
}
