import type { ReactNode } from 'react';

/** A centred card with a heading and a short text: for pages that only explain something. */
export function MessageCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="centered">
      <section className="card">
        <h1>{title}</h1>
        {children}
      </section>
    </main>
  );
}
