/** Where Pinwall keeps the user's data and settings (the XDG base directories), and how it writes small files; no dependencies. */
package dev.pinwall.home;
