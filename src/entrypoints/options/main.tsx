import { render } from 'preact';
import { App } from '../../ui/options/App';
import { bootLock, pageTitle } from '../../ui/lock/boot';
import '../../ui/styles.css';
import { openVault } from '../../vault/vault';

async function main() {
  void pageTitle('optionsTitle');
  // The options page opens its own view of the vault for the passphrase settings; without it the rest still works.
  const vault = await openVault().catch(() => null);
  await bootLock(vault);
  render(<App vault={vault} />, document.getElementById('app')!);
}
void main();
