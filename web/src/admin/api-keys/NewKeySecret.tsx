import { CopyButton } from '../../components/CopyButton.tsx';

interface NewKeySecretProps {
  name: string;
  secret: string;
  onDismiss(): void;
}

/** The only time a key's secret is visible: the server stores just its hash. */
export function NewKeySecret({ name, secret, onDismiss }: NewKeySecretProps) {
  return (
    <section className="panel notice" role="status">
      <h2>API key “{name}” created</h2>
      <p>Copy the key now and keep it somewhere safe. It will not be shown again.</p>
      <div className="secret">
        <code data-testid="new-api-key">{secret}</code>
        <CopyButton text={secret} />
      </div>
      <button type="button" className="button-secondary" onClick={onDismiss}>
        Done
      </button>
    </section>
  );
}
