import { CopyButton } from '../../components/CopyButton.tsx';

/** Shown once, right after 2FA is turned on: each code signs in once without the phone. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  return (
    <div className="notice panel" role="status">
      <h3>Save your recovery codes</h3>
      <p>Each one works once if you lose your phone. They will not be shown again.</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <span className="actions">
        <CopyButton text={codes.join('\n')} />
        <button type="button" className="button-secondary" onClick={onDone}>
          I saved them
        </button>
      </span>
    </div>
  );
}
