// Material for MkDocs 9.8.1 partials/javascripts/content.html (its last script), moved out of the page (CSP).
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
