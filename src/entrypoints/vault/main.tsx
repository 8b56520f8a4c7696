import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { App } from '../../ui/vault/App';
import '../../ui/styles.css';
import { openVault } from '../../vault/vault';

async function main() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('vaultTitle');
  // Ask the browser not to evict the vault under storage pressure.
  void navigator.storage?.persist?.().catch(() => false);
  const root = document.getElementById('app')!;
  try {
    const vault = await openVault();
    render(<App vault={vault} />, root);
  } catch (err) {
    root.textContent = `The vault could not be opened: ${err instanceof Error ? err.message : String(err)}`;
  }
}
void main();
