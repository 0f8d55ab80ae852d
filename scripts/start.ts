// `./run start` lands here until the proxy server (apps/proxy) exists.
console.log('Palisade: the proxy server (apps/proxy) comes in a later step; the libraries it composes are in packages/.');
