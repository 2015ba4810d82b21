// A library's script, fetched once for every element of the page that draws with it
// (app/scripts.py): the promise resolves when the script has run (its globals are set).
function loadScript(url) {
  const loads = (window.__p8Scripts ??= {});
  loads[url] ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => {
      delete loads[url]; // the next run tries again
      script.remove();
      reject(new Error(url));
    };
    document.head.appendChild(script);
  });
  return loads[url];
}
