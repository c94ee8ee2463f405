/**
 * The exported child directory ({@link io.kubenas.trainer.child.ChildDirectory}): written by the search at its
 * end, read by {@code serve} and {@code evaluate}.
 */
package io.kubenas.trainer.child;
