/**
 * The vault key's fingerprint on the vault page (issue #15): what a person compares with the fingerprint in a bundle's
 * report, VERIFY.txt or holdfast-verify's output to see that the bundle came from this vault.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { SigningIdentity, Vault } from '../../vault/api';

export function VaultKey({ vault }: { vault: Vault }) {
  const [identity, setIdentity] = useState<SigningIdentity | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // A vault without signing (an older test double) shows nothing rather than failing the page.
    const ask = typeof vault.signingIdentity === 'function' ? vault.signingIdentity() : Promise.resolve(undefined);
    ask.then(
      (id) => live && setIdentity(id ?? null),
      () => live && setIdentity(null),
    );
    return () => {
      live = false;
    };
  }, [vault]);
  if (identity === undefined) return null;
  return (
    <section class="vault-key muted" data-testid="vault-key" aria-labelledby="hf-vault-key-title">
      <h2 id="hf-vault-key-title">{t('sigKeyTitle')}</h2>
      {identity ? (
        <>
          <p>
            <strong data-testid="vault-key-fingerprint" data-fingerprint={identity.fingerprint}>
              {t('sigKeyFingerprint', identity.fingerprint)}
            </strong>
          </p>
          <p>{t('sigKeyExplain')}</p>
          {identity.previous.length > 0 && (
            <p data-testid="vault-key-previous">
              {t('sigKeyPrevious', identity.previous.at(-1)?.until.slice(0, 10) ?? '', identity.previous.map((p) => p.fingerprint).join(', '))}
            </p>
          )}
        </>
      ) : (
        <p>{t('sigKeyNone')}</p>
      )}
    </section>
  );
}
