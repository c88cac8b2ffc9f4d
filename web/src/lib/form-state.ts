export type FieldError = { field: string; message: string };

/** What a form action answered, in the shape every page shows it: errors, kept input, a confirmation. */
export function formState(form: unknown) {
  const f = (form ?? {}) as { errors?: FieldError[]; values?: Record<string, string>; saved?: string };
  const errors = f.errors ?? [];
  return {
    errors,
    values: f.values ?? {},
    saved: f.saved,
    errorFor: (field: string) => errors.find((e) => e.field === field)?.message,
  };
}
