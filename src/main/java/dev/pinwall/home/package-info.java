/** Where Pinwall keeps the user's data and settings: the XDG base directories, with no dependencies. */
package dev.pinwall.home;
