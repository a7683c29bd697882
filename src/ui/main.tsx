import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBundledFileLoader } from '../core/data/bundled-files';
import { App } from './App';
import { fetchBundledFile } from './bundledFiles';
import './styles.css';

// The shell decides how bundled files are read (Vite's hashed assets); the layers below only call the loader.
installBundledFileLoader(fetchBundledFile);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
