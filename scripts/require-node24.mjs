// Runs before every npm script that needs Node 24 (plain JavaScript, so Node 20 can run it too).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Samverkan behöver Node 24 men fick Node ${process.versions.node}.\n` +
      'Kör "npm install" (paketet node@24 installeras då i node_modules/.bin) och starta med npm-skripten, ' +
      'till exempel "npm start" eller "npm test". Godkänn installationsskriptet för paketet node om npm frågar: ' +
      '"npm install-scripts approve node esbuild".',
  );
  process.exit(1);
}
