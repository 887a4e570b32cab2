// CDK entry (cdk.json runs it with tsx): builds the app and writes the cloud assembly.
import { createKompisApp } from './kompis-app.js';

createKompisApp().app.synth();
