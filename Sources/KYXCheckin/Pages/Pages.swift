/// The HTML of every page (plain HTML/CSS/JS, no CDN).
enum Pages {}
