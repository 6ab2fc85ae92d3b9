/**
 * The cities added beyond the province's own (百城牵手). One stream for all of them, so a code is unique by
 * the stream's revision check like any other command.
 */
export const addedCitiesStream = () => 'taxonomy-cities';
