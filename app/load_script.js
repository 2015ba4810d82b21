// What every element's JavaScript starts with (app/scripts.py).

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

// An element's note that it could not draw (its text in the user's language, from Python),
// shown once however many runs fail.
function showNotDrawn(box, className, text) {
  if (!box.querySelector(`.${className}`)) {
    const note = document.createElement("p");
    note.className = className;
    note.textContent = text;
    box.appendChild(note);
  }
}
