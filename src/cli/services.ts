import { NodeFileSystem } from 'langium/node';
import { createMasterplanServices } from '../language/module.js';

/** The language services for a command-line run: Node's file system, no editor connection, no index of references. */
export function createCliServices() {
    return createMasterplanServices(NodeFileSystem, { batch: true });
}
