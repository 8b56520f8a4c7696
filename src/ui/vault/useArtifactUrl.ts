import { useEffect, useState } from 'preact/hooks';
import type { Vault } from '../../vault/api';

/** An object URL for a stored image artifact, revoked when the component goes away. Images only. */
export function useArtifactUrl(vault: Vault, artifactId: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!artifactId) return;
    let revoked = false;
    let made: string | undefined;
    void vault.getArtifact(artifactId).then((a) => {
      if (!a || revoked || !/^image\/(png|jpeg|webp|gif)$/.test(a.ref.mediaType)) return;
      made = URL.createObjectURL(new Blob([a.bytes as BlobPart], { type: a.ref.mediaType }));
      setUrl(made);
    });
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [vault, artifactId]);
  return url;
}
