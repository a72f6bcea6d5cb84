/* The map of challenges by neighbourhood (templates/components/challenge_map.html), loaded only on
   the map view of the challenge index, after Leaflet (static/vendor/leaflet/).

   The list of neighbourhoods under the map is the source: each item carries its count and, where
   the neighbourhood has them, its coordinates; its link leads to the list of challenges filtered by
   that neighbourhood. Each marker is that same link, showing the count: Tab reaches it, Enter opens
   it, and its name is the list item's text ("Stevenshof: 3 uitdagingen"). A neighbourhood without
   coordinates stays in the list only. Without a tile address the markers stand on a plain background.
   The map is a labelled region, not aria-hidden: its markers take the keyboard focus, and a focused
   element hidden from a screen reader would be announced as nothing; named as the list items are,
   they say the same as the list. */
(function () {
  "use strict";

  var element = document.querySelector("[data-challenge-map]");
  if (!element || typeof window.L === "undefined") return;
  var L = window.L;

  var places = [];
  document.querySelectorAll("[data-map-place]").forEach(function (item) {
    var link = item.querySelector("a");
    var latitude = parseFloat(item.getAttribute("data-latitude"));
    var longitude = parseFloat(item.getAttribute("data-longitude"));
    if (!link || isNaN(latitude) || isNaN(longitude)) return;
    places.push({
      latLng: [latitude, longitude],
      href: link.getAttribute("href"),
      count: item.getAttribute("data-count"),
      name: item.querySelector("[data-map-name]").textContent.trim(),
      label: link.textContent.replace(/\s+/g, " ").trim()
    });
  });
  if (places.length === 0) return;

  element.hidden = false;
  var map = L.map(element, { zoomControl: false, zoomSnap: 0.5, minZoom: 10, maxZoom: 18 });
  L.control.zoom({
    zoomInTitle: element.getAttribute("data-zoom-in"),
    zoomOutTitle: element.getAttribute("data-zoom-out")
  }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');

  var tileUrl = element.getAttribute("data-tile-url");
  if (tileUrl) {
    var credit = document.createElement("span");
    credit.textContent = element.getAttribute("data-tile-attribution");
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: credit.innerHTML }).addTo(map);
  }

  places.forEach(function (place) {
    // The marker is a link of its own, not Leaflet's keyboard marker (a role="button" that
    // would hold a link): a link goes where it says, by mouse, finger, Tab and Enter alike.
    var link = document.createElement("a");
    link.className = "map-marker__link";
    link.href = place.href;
    link.setAttribute("aria-label", place.label);
    var count = document.createElement("span");
    count.className = "map-marker__count";
    count.textContent = place.count;
    var name = document.createElement("span");
    name.className = "map-marker__name";
    name.setAttribute("aria-hidden", "true");
    name.textContent = place.name;
    link.appendChild(count);
    link.appendChild(name);
    var marker = L.marker(place.latLng, {
      icon: L.divIcon({ className: "map-marker", html: link, iconSize: [40, 40], iconAnchor: [20, 20] }),
      keyboard: false,
      riseOnHover: true
    }).addTo(map);
    // The focused marker and its name come above its neighbours, as a hovered one does.
    // A marker reached by Tab outside the part of the map on screen is brought into view.
    link.addEventListener("focus", function () {
      marker.setZIndexOffset(1000);
      if (!map.getBounds().contains(marker.getLatLng())) map.panTo(marker.getLatLng(), { animate: false });
    });
    link.addEventListener("blur", function () { marker.setZIndexOffset(0); });
  });

  if (places.length === 1) {
    map.setView(places[0].latLng, 14);
  } else {
    map.fitBounds(places.map(function (place) { return place.latLng; }), { padding: [32, 32], maxZoom: 15 });
  }
})();
