/**
 * The Smalltalk-style object browser: {@link io.batos.workbench.browser.ObjectBrowserView} (objects
 * tree | grouped slots | editor) bound to {@link io.batos.workbench.browser.ObjectBrowserViewModel},
 * which loads the tree lazily and cycle-safely from the lobby and applies data values through
 * {@link io.batos.kernel.Kernel#setJson}. The editor pane is where the code editor plugs in.
 */
package io.batos.workbench.browser;
