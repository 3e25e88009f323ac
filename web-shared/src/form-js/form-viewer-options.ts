/**
 * The viewer's options besides container and modules. Debounce off: form-js otherwise takes a text field's typing
 * in 300 ms late, and any re-render in between (an expression field recomputing after the last change, a field
 * left at once) writes the form's older value back into the input, so a clerk's newest keys were lost or replaced
 * by her first entry. Taken in at every key, input and form data never differ and a submit at any moment has what
 * she typed.
 */
export const formViewerOptions = { debounce: false } as const;
