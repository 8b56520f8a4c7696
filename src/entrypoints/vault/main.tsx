import { render } from 'preact';
import { Shell } from '../../ui/vault/Shell';
import { bootLock, pageTitle } from '../../ui/lock/boot';
import { installPageLock } from '../../lock/page';
import '../../ui/styles.css';
import { openVault } from '../../vault/vault';

async function main() {
  // Quick exit works even if the vault cannot be opened.
  installPageLock();
  void pageTitle('vaultTitle');
  // Ask the browser not to evict the vault under storage pressure.
  void navigator.storage?.persist?.().catch(() => false);
  const root = document.getElementById('app')!;
  try {
    const vault = await openVault();
    await bootLock(vault);
    render(<Shell vault={vault} />, root);
  } catch (err) {
    root.textContent = `The vault could not be opened: ${err instanceof Error ? err.message : String(err)}`;
  }
}
void main();
