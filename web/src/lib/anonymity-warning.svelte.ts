/**
 * A warning while someone types a free text: after a pause the server's own guard is asked
 * whether the text identifies someone. It only warns earlier; the server refuses the text anyway.
 */
export function anonymityWarning(delayMs = 400) {
  let message = $state('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    get message() {
      return message;
    },
    check(event: Event) {
      const text = (event.currentTarget as HTMLTextAreaElement).value;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (!text.trim()) return (message = '');
        const res = await fetch('/api/anonymity/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) }).catch(() => null);
        if (res?.ok) message = messageOf(await res.json());
      }, delayMs);
    },
  };
}

/** The check's answer, read without trusting its shape (the browser bundle carries no zod). */
function messageOf(answer: unknown): string {
  return typeof answer === 'object' && answer !== null && 'message' in answer && typeof answer.message === 'string' ? answer.message : '';
}
