/** The scheduler's plugins, one package each, with its name, reasons and tests beside it. */
package io.nauta.scheduler.plugins;
